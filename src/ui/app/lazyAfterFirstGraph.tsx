/**
 * A component whose code is fetched after the first graph (`afterFirstGraph`), not before it: the panels a learner
 * reaches after seeing the subnet (the inspector, the code tab, the event list, the call, manage and deploy forms,
 * the call console) with what only they use. They render nothing until then. The code is fetched at that moment
 * whether the panel is on screen or not, so a tab opened later shows its panel at once.
 */
import { createElement, type ComponentType } from 'react';
import { loadAfterFirstGraph } from './afterFirstGraph.ts';

export function lazyAfterFirstGraph<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const useComponent = loadAfterFirstGraph(load);
  return function AfterFirstGraph(props: P) {
    const Component = useComponent();
    return Component ? createElement(Component, props) : null;
  };
}
