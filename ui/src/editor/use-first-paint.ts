import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';

/** Frames to wait for a node element when every node may be out of view. */
const FRAMES_WITHOUT_VISIBLE_NODES = 3;

/**
 * Calls `onPainted` once, on the first frame after the canvas shows its nodes: React Flow holds
 * all `nodeCount` nodes and the visible ones are drawn (in the DOM, or on the overview layer when
 * zoomed far out; for an empty canvas or a view with nothing in it, once a few frames have
 * passed), and that frame has been painted.
 */
export function useFirstPaint(
  container: RefObject<HTMLElement | null>,
  nodeCount: number,
  onPainted: () => void,
): void {
  const store = useStoreApi();
  const callback = useRef(onPainted);
  callback.current = onPainted;
  const expected = useRef(nodeCount);

  useEffect(() => {
    let frame = 0;
    let framesSinceAdopted = 0;
    const check = () => {
      const adopted = store.getState().nodeLookup.size >= expected.current;
      if (adopted) framesSinceAdopted += 1;
      // Close up, React Flow's node elements; zoomed far out, the overview layer's first paint.
      const drawn =
        expected.current === 0 ||
        Boolean(container.current?.querySelector('.react-flow__node, .overview-layer[data-drawn-nodes]'));
      if (adopted && (drawn || framesSinceAdopted > FRAMES_WITHOUT_VISIBLE_NODES)) {
        // What is in the DOM now is painted at the end of this frame; report on the next one.
        frame = requestAnimationFrame(() => callback.current());
        return;
      }
      frame = requestAnimationFrame(check);
    };
    frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [store, container]);
}
