// Sign in, register, and the second-factor step of sign-in (docs/identity.md).
import { register, signIn } from "../api.js";
import { h } from "../dom.js";
import { field, showErrors, clearErrors } from "../forms.js";

export const authView = mode => async (main, { navigate }) => {
  const email = h("input", { type: "email", autocomplete: "username", required: true });
  const password = h("input", { type: "password", autocomplete: mode === "register" ? "new-password" : "current-password", required: true });
  const displayName = h("input", { type: "text", autocomplete: "nickname", maxLength: 64 });
  const code = h("input", { type: "text", inputMode: "numeric", autocomplete: "one-time-code" });
  const secondFactor = field("totpCode", "Authenticator code or recovery code", code, "Your account has a second factor: enter the 6-digit code from your app, or a recovery code.");
  secondFactor.hidden = true;
  const submit = h("button.primary", { type: "submit" }, mode === "register" ? "Create account" : "Sign in");

  const form = h("form.card.auth", { novalidate: true, onsubmit: async event => {
    event.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    try {
      if (mode === "register") await register(email.value.trim(), password.value, displayName.value.trim());
      else await signIn(email.value.trim(), password.value, secondFactor.hidden ? null : code.value.trim());
      const after = sessionStorage.getItem("crucible.after");
      sessionStorage.removeItem("crucible.after");
      if (after) location.hash = after; else navigate(mode === "register" ? "plans" : "trade");
    } catch (error) {
      if (error.code === "second_factor_required") {
        secondFactor.hidden = false;
        code.focus();
      } else {
        // The identity endpoints name the field for shape errors; credentials errors name none.
        showErrors(form, error.code === "invalid_second_factor"
          ? { field: "totpCode", errors: { totpCode: [error.message] }, message: error.message }
          : error);
      }
    } finally {
      submit.disabled = false;
    }
  } },
    h("h1", {}, mode === "register" ? "Create your trader account" : "Sign in"),
    field("email", "E-mail", email),
    field("password", "Password", password, mode === "register" ? "12–128 characters, letters and a digit or symbol." : null),
    mode === "register" ? field("displayName", "Display name (optional)", displayName) : null,
    mode === "signin" ? secondFactor : null,
    h("p.form-error", { role: "alert" }),
    submit,
    h("p.alt", {}, mode === "register"
      ? ["Already registered? ", h("a", { href: "#/signin" }, "Sign in")]
      : ["New here? ", h("a", { href: "#/register" }, "Create an account"), " · ", h("a", { href: "#/markets" }, "Live markets")]));
  main.append(form);
  email.focus();
};
