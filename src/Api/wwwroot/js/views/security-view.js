// The second factor (docs/identity.md "Second factor"): enrol a TOTP authenticator (the secret and otpauth URI shown
// as text, confirmed with a code, then the recovery codes shown once), or turn it off with a code or a recovery code.
import { get, post } from "../api.js";
import { h, fill } from "../dom.js";
import { field, showErrors, clearErrors } from "../forms.js";

export async function securityView(main) {
  const body = h("div");
  main.append(h("section.card.security", { "aria-labelledby": "security-title" },
    h("h1#security-title", {}, "Security"), body));

  const codeForm = (label, button, submit) => {
    const code = h("input", { type: "text", inputMode: "numeric", autocomplete: "one-time-code", required: true });
    const form = h("form", { novalidate: true, onsubmit: async event => {
      event.preventDefault();
      clearErrors(form);
      const go = form.querySelector("button[type=submit]");
      go.disabled = true;
      try { await submit(code.value.trim()); } catch (error) { showErrors(form, error); } finally { go.disabled = false; }
    } }, field("code", label, code), h("p.form-error", { role: "alert" }), h("button.primary", { type: "submit" }, button));
    return { form, code };
  };

  async function show() {
    const me = await get("/api/v1/auth/me");
    if (me.twoFactorEnabled) showOn(); else showOff();
  }

  function showOff() {
    const start = h("button.primary", { type: "button", onclick: enrol }, "Set up a second factor");
    fill(body, h("p#two-factor-state", { dataset: { state: "off" } }, "Second factor: off. Sign-in asks only for your password."), start);
  }

  async function enrol() {
    try {
      const { secret, otpauthUri } = await post("/api/v1/auth/2fa/enroll");
      const { form, code } = codeForm("6-digit code from your app", "Turn on", async value => {
        const { recoveryCodes } = await post("/api/v1/auth/2fa/confirm", { code: value });
        showRecovery(recoveryCodes);
      });
      fill(body,
        h("p", {}, "Add this key to your authenticator app (type it, or make a QR code of the URI), then enter the code it shows."),
        h("dl.secret", {},
          h("dt", {}, "Key"), h("dd", {}, h("code#totp-secret", {}, secret)),
          h("dt", {}, "URI"), h("dd", {}, h("code#totp-uri", {}, otpauthUri))),
        form);
      code.focus();
    } catch (error) {
      fill(body, h("p.error", { role: "alert" }, error.message));
    }
  }

  function showRecovery(codes) {
    const done = h("button.primary", { type: "button", onclick: show }, "I have saved them");
    fill(body,
      h("p#two-factor-state", { dataset: { state: "on" } }, "Second factor: on."),
      h("p", {}, "Recovery codes: each signs in once when you do not have your app. They are shown only now; keep them somewhere safe."),
      h("ul#recovery-codes", {}, codes.map(c => h("li", {}, h("code", {}, c)))),
      done);
    done.focus();
  }

  function showOn() {
    const { form } = codeForm("Code from your app, or a recovery code", "Turn off", async value => {
      await post("/api/v1/auth/2fa/disable", { code: value });
      showOff();
    });
    fill(body, h("p#two-factor-state", { dataset: { state: "on" } }, "Second factor: on. Sign-in asks for a code from your app."),
      h("h2", {}, "Turn off the second factor"), form);
  }

  await show();
}
