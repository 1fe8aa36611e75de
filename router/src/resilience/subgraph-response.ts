/**
 * A subgraph's answer, read whole: what the gateway reads of a fetch Response (`ok`,
 * `status`, `statusText`, `url`, `headers.get`, `text()`, `json()`) without building a
 * WHATWG Response and its body stream for every call. One answer shared by several
 * callers (inflight-dedupe) is handed to each as one of these, over the same text.
 */
export class SubgraphResponse {
  readonly ok: boolean;
  readonly headers: SubgraphHeaders;
  readonly redirected = false;
  readonly type = 'basic';
  private used = false;

  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: Iterable<[string, string]>,
    private readonly body: string,
    readonly url = '',
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new SubgraphHeaders(headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async text(): Promise<string> {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

/** Response headers, read-only, names case-insensitive (several values joined with ", "). */
export class SubgraphHeaders {
  private readonly map = new Map<string, string>();

  constructor(headers: Iterable<[string, string]>) {
    for (const [name, value] of headers) {
      const key = name.toLowerCase();
      const old = this.map.get(key);
      this.map.set(key, old === undefined ? value : `${old}, ${value}`);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const [name, value] of this.map) fn(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}
