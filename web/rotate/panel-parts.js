// Small DOM helpers of the rotation and deletion panels (textContent only: the
// page's Trusted Types policy forbids HTML from strings).

/** An element with properties (attributes for names with a dash), and children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name.includes('-')) node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** "last used 2025-03-04 10:00 UTC (s3, eu-west-1)" or "never used". */
export function lastUseWords(lastUsed) {
  if (!lastUsed) return 'never used';
  const when = `${lastUsed.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const where = [lastUsed.serviceName, lastUsed.region].filter((s) => s && s !== 'N/A').join(', ');
  return `last used ${when}${where ? ` (${where})` : ''}`;
}

/** Offers data as a .json download (the record: never a secret). */
export function saveJson(fileName, data) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
