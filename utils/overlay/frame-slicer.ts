/** Work per frame for large batches, in milliseconds: leaves the page most of each frame. */
export const SLICE_MS = 8;

export interface SlicerOptions {
  signal: AbortSignal;
  /** Defers a slice to the next frame; a parameter so tests can run it synchronously. */
  nextFrame?: (callback: () => void) => void;
  now?: () => number;
}

/**
 * Runs a long job in slices of SLICE_MS, one per frame, so no task runs long.
 * `step` does a bounded piece of work and answers whether work remains.
 */
export function createFrameSlicer({
  signal,
  nextFrame = (cb) => requestAnimationFrame(cb),
  now = () => performance.now(),
}: SlicerOptions) {
  let running = false;
  return {
    /** Whether a sliced job is under way. */
    get running(): boolean {
      return running;
    },
    /** Starts slicing `step` until it answers false (a job already running picks up new work itself). */
    run(step: () => boolean): void {
      if (running) return;
      running = true;
      const slice = () => {
        if (signal.aborted) return;
        const start = now();
        let more = true;
        while (more && now() - start < SLICE_MS) more = step();
        if (more) nextFrame(slice);
        else running = false;
      };
      slice();
    },
  };
}
