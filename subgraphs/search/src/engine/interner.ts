/** Interns strings to small integers: 0, 1, 2, ... in the order they are first seen. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly keys: string[] = [];

  /** The key's id; a key not seen before gets the next one. */
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  get(key: string): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.keys.length;
  }
}
