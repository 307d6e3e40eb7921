// The daemon's bearer token, kept for this browser tab only (sessionStorage: gone when the tab closes,
// never written to disk by the page, never sent anywhere but this daemon's origin).
const key = "trdpsim.token";

export function readToken(store: Pick<Storage, "getItem"> = sessionStorage): string | null {
  const value = store.getItem(key);
  return value && value.length > 0 ? value : null;
}

export function saveToken(token: string | null, store: Pick<Storage, "setItem" | "removeItem"> = sessionStorage): void {
  if (token && token.trim().length > 0) store.setItem(key, token.trim());
  else store.removeItem(key);
}
