// Shows a ticket's native page: focuses a tab that already shows its
// permalink, or opens it in a new tab. Only https links on the three sites'
// hosts are ever opened.

const api = globalThis.browser ?? globalThis.chrome;

/** The hosts whose pages the extension may open (the manifest's host permissions). */
const SITE_HOSTS = new Set(['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com', 'www.facebook.com', 'web.facebook.com',
  'm.facebook.com', 'facebook.com', 'www.instagram.com', 'instagram.com']);

/** The permalink as a URL if it is an https link on one of the sites (no credentials, no port), else null. */
export function siteUrl(permalink) {
  let url;
  try {
    url = new URL(permalink);
  } catch {
    return null;
  }
  const plain = url.protocol === 'https:' && !url.username && !url.password && !url.port;
  return plain && SITE_HOSTS.has(url.hostname) ? url : null;
}

/** Focuses the tab showing `permalink`, or opens it; answers whether anything was shown. */
export async function openItem(permalink) {
  const url = siteUrl(permalink);
  if (!url) return false;
  const pattern = `${url.origin}${url.pathname}*`;
  const [tab] = await api.tabs.query({ url: pattern }).catch(() => []);
  if (tab) {
    await api.tabs.update(tab.id, { active: true });
    await api.windows?.update(tab.windowId, { focused: true });
  } else {
    await api.tabs.create({ url: url.href });
  }
  return true;
}
