/**
 * PayPal's SDK has no base-URL option: its API host follows the environment. An
 * axios adapter (the SDK's `unstable_httpClientOptions.adapter`) that sends each
 * request to another origin lets it talk to a local fake of PayPal's API over HTTP.
 */
export function adapterFor(baseUrl: string) {
  const origin = new URL(baseUrl);
  return async (config: {
    url?: string;
    method?: string;
    headers?: { toJSON?: () => Record<string, unknown> } & Record<string, unknown>;
    data?: unknown;
    auth?: { username: string; password: string };
  }) => {
    const target = new URL(config.url ?? '/');
    target.protocol = origin.protocol;
    target.host = origin.host;
    const raw = typeof config.headers?.toJSON === 'function' ? config.headers.toJSON() : (config.headers ?? {});
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw))
      if (value !== undefined && value !== null) headers[name] = String(value);
    if (config.auth) {
      headers.authorization = `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;
    }
    const response = await fetch(target, {
      method: (config.method ?? 'get').toUpperCase(),
      headers,
      body: typeof config.data === 'string' ? config.data : undefined,
    });
    return {
      data: await response.text(),
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers.entries()),
      config,
      request: {},
    };
  };
}
