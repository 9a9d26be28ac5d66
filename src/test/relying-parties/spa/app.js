// The snippet of docs/single-sign-on.md, and then the API called with the access token from this
// page's own origin (CORS).
const users = new oidc.UserManager({
  authority: config.authority, client_id: config.clientId,
  redirect_uri: location.origin + "/", post_logout_redirect_uri: location.origin + "/",
  scope: "openid profile me" });

async function afterLogin() {
  const user = await users.signinRedirectCallback();
  history.replaceState({}, "", "/");
  // sub is the account's stable identifier (keep data by it); the name people know is preferred_username
  document.getElementById("caller").textContent = user.profile.preferred_username;
  document.getElementById("subject").textContent = user.profile.sub;
  const me = await fetch(config.authority + "/users/me/", { headers: { Authorization: "Bearer " + user.access_token } });
  document.getElementById("me").textContent = me.status + " " + (await me.json()).username;
}

document.getElementById("login").addEventListener("click", () => users.signinRedirect());
if (new URLSearchParams(location.search).has("code")) {
  afterLogin().catch(error => { document.getElementById("error").textContent = String(error); });
}
