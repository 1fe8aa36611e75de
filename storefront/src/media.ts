/**
 * Product media is served by the router under /media, which the storefront server
 * proxies: an absolute media URL is read through the page's own origin, so the
 * Content-Security-Policy can stay `img-src 'self'`.
 */
export function mediaUrl(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.pathname.startsWith('/media/') ? `${parsed.pathname}${parsed.search}` : url;
  } catch {
    return url;
  }
}
