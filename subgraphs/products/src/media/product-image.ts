import { createHash } from 'node:crypto';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A product picture drawn from the product's slug: the same slug and view number
 * always give the same image, so the catalog needs no image files or external hosts.
 */
export function productImageSvg(slug: string, view: number, size = 800): string | null {
  if (!SLUG.test(slug) || slug.length > 200 || !Number.isInteger(view) || view < 1 || view > 8) return null;
  const digest = createHash('sha256').update(`${slug}#${view}`).digest();
  const hue = ((digest[0] ?? 0) * 360) / 256;
  const hue2 = (hue + 40 + ((digest[1] ?? 0) % 80)) % 360;
  const words = slug
    .split('-')
    .filter((w) => !/^\d+$/.test(w))
    .slice(0, 3);
  const label = escapeXml(words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join(' '));
  const initials = escapeXml(
    words
      .map((w) => w[0]?.toUpperCase())
      .join('')
      .slice(0, 2),
  );
  const r = 120 + ((digest[2] ?? 0) % 120);
  const cx = 250 + ((digest[3] ?? 0) % 300);
  const cy = 250 + ((digest[4] ?? 0) % 300);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 800 800" role="img" aria-label="${label}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue.toFixed(0)} 55% 88%)"/><stop offset="1" stop-color="hsl(${hue2.toFixed(0)} 50% 70%)"/></linearGradient></defs>
<rect width="800" height="800" fill="url(#g)"/>
<circle cx="${cx}" cy="${cy}" r="${r}" fill="hsl(${hue2.toFixed(0)} 45% 45%)" opacity="0.35"/>
<text x="400" y="430" font-family="sans-serif" font-size="180" font-weight="700" text-anchor="middle" fill="hsl(${hue.toFixed(0)} 40% 25%)">${initials}</text>
<text x="400" y="720" font-family="sans-serif" font-size="40" text-anchor="middle" fill="hsl(${hue.toFixed(0)} 30% 20%)">${label}</text>
</svg>`;
}
