/**
 * An element's width and font size, followed as they change: the cycles chart lays its SVG out in pixels from
 * them, so its labels take the text size around it (larger in presentation mode) and it fills its pane.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface ElementBox {
  readonly width: number;
  readonly fontSize: number;
}

export function useElementBox<T extends HTMLElement>(fallback: ElementBox): [RefObject<T | null>, ElementBox] {
  const ref = useRef<T | null>(null);
  const [box, setBox] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const width = Math.round(element.clientWidth);
      const fontSize = parseFloat(getComputedStyle(element).fontSize) || fallback.fontSize;
      setBox((old) => (old.width === width && old.fontSize === fontSize ? old : { width: width || fallback.width, fontSize }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    // The font size can change without the width (presentation mode keeps the pane's size only sometimes).
    const classes = new MutationObserver(measure);
    const app = element.closest('.app');
    if (app) classes.observe(app, { attributes: true, attributeFilter: ['class'] });
    return () => {
      observer.disconnect();
      classes.disconnect();
    };
  }, [fallback.width, fallback.fontSize]);
  return [ref, box];
}
