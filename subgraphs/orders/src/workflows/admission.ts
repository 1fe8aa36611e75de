/**
 * Bounds the checkouts one process runs at once. Beyond the limit a request waits its
 * turn (first come, first served) for at most `queueMs`, then is turned away, so that
 * under a burst a buyer hears "busy, retry" quickly instead of waiting past the
 * router's subgraph timeout (whose failures open its circuit to the whole service).
 */
export class Admission {
  private running = 0;
  private readonly waiting: Array<(admitted: boolean) => void> = [];

  constructor(
    readonly concurrency: number,
    readonly queueMs: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
  }

  /** Resolves true with a slot (give it back with release()), or false after queueMs without one. */
  acquire(): Promise<boolean> {
    if (this.running < this.concurrency && this.waiting.length === 0) {
      this.running += 1;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(admit);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(false);
      }, this.queueMs);
      const admit = (admitted: boolean) => {
        clearTimeout(timer);
        resolve(admitted);
      };
      this.waiting.push(admit);
    });
  }

  /** Gives a slot back: to the longest waiting request, if any. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next(true);
    else this.running = Math.max(0, this.running - 1);
  }

  /** Checkouts running and waiting now (metrics, tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
