/**
 * A component whose code is fetched after the first graph (`afterFirstGraph`), not before it: the panels a learner
 * reaches after seeing the subnet (the inspector, the code tab, the event list, the call, manage and deploy forms,
 * the call console) with what only they use. They render nothing until then. The code is fetched at that moment
 * whether the panel is on screen or not, so a tab opened later shows its panel at once.
 */
import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { afterFirstGraph, useAfterFirstGraph } from './afterFirstGraph.ts';

export function lazyAfterFirstGraph<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () => (loading ??= load().then((component) => {
    loaded = component;
    return { default: component };
  }));
  const Lazy = lazy(start) as unknown as ComponentType<P>;
  afterFirstGraph(() => void start().catch(() => undefined));
  return function AfterFirstGraph(props: P) {
    if (!useAfterFirstGraph()) return null;
    return loaded ? createElement(loaded, props) : <Suspense fallback={null}><Lazy {...props} /></Suspense>;
  };
}
