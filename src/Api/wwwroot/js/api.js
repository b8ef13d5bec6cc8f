// REST with the signed-in user's tokens. The access token lives in memory only; the refresh token is kept in this
// tab's sessionStorage so a reload stays signed in (closing the tab forgets it). Refreshes are single-flight: the
// server rotates refresh tokens and revokes the whole family when a spent one is presented twice (docs/identity.md).

const REFRESH_KEY = "crucible.refreshToken";
const listeners = new Set();
let session = null;          // { user, accessToken, accessTokenExpiresAt }
let refreshToken = sessionStorage.getItem(REFRESH_KEY);
let refreshing = null;       // the one refresh in flight
let refreshTimer = 0;

/** A failed request: the server's ProblemDetails with the field it names (docs/trading.md "Request bodies"). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code;
    // field: the one the server names; errors: every field it complained about.
    this.errors = problem?.errors ?? {};
    this.field = problem?.field ?? Object.keys(this.errors)[0] ?? null;
  }
}

export const currentUser = () => session?.user ?? null;
export const onSessionChange = listener => listeners.add(listener);
const announce = () => listeners.forEach(l => l(currentUser()));

function accept(signIn) {
  session = { user: signIn.user, accessToken: signIn.accessToken, accessTokenExpiresAt: Date.parse(signIn.accessTokenExpiresAt) };
  refreshToken = signIn.refreshToken;
  sessionStorage.setItem(REFRESH_KEY, refreshToken);
  // Renew a minute before expiry so live connections never present a stale token.
  clearTimeout(refreshTimer);
  const wait = Math.max(5_000, session.accessTokenExpiresAt - Date.now() - 60_000);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), wait);
  announce();
}

function forget() {
  session = null;
  refreshToken = null;
  sessionStorage.removeItem(REFRESH_KEY);
  clearTimeout(refreshTimer);
  announce();
}

async function send(method, path, body, token) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return { response, data: null };
  const type = response.headers.get("Content-Type") ?? "";
  const data = type.includes("json") ? await response.json() : null;
  return { response, data };
}

/** Rotates the refresh token; one at a time. Resolves to the new access token, or null when signed out. */
export function refresh() {
  if (!refreshToken) return Promise.resolve(null);
  refreshing ??= (async () => {
    try {
      const { response, data } = await send("POST", "/api/v1/auth/refresh", { refreshToken });
      if (response.ok) { accept(data); return session.accessToken; }
      // 401: spent, reused or expired. Anything else (e.g. 429, 503) keeps the session for a later try.
      if (response.status === 401) forget();
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** An access token that is valid for at least half a minute more, refreshing when needed; null when signed out. */
export async function accessToken() {
  if (session && session.accessTokenExpiresAt - Date.now() > 30_000) return session.accessToken;
  return refresh();
}

/** GET/POST/... a JSON API; throws ApiError for a non-2xx answer. A 401 refreshes once and retries. */
export async function api(method, path, body) {
  let token = currentUser() || refreshToken ? await accessToken() : null;
  let { response, data } = await send(method, path, body, token);
  if (response.status === 401 && token) {
    token = await refresh();
    if (token) ({ response, data } = await send(method, path, body, token));
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = path => api("GET", path);
export const post = (path, body) => api("POST", path, body);
export const del = path => api("DELETE", path);
export const patch = (path, body) => api("PATCH", path, body);
export const put = (path, body) => api("PUT", path, body);

/** Register, or sign in (with a second factor when the account has one). */
export async function register(email, password, displayName) {
  accept(await api("POST", "/api/v1/auth/register", displayName ? { email, password, displayName } : { email, password }));
}

export async function signIn(email, password, totpCode) {
  const body = { email, password };
  if (totpCode) body[/^\d{6}$/.test(totpCode) ? "totpCode" : "recoveryCode"] = totpCode;
  accept(await api("POST", "/api/v1/auth/login", body));
}

export async function signOut() {
  const token = refreshToken;
  forget();
  if (token) await send("POST", "/api/v1/auth/logout", { refreshToken: token }).catch(() => {});
}

/** On start-up: resume the tab's session from its refresh token, if any. */
export async function resume() {
  if (!refreshToken) return null;
  await refresh().catch(() => null);
  return currentUser();
}
