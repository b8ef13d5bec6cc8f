// A tiny element builder: no framework, no innerHTML (the CSP forbids inline styles and scripts anyway).

/** h("button.primary#buy", { onclick, type: "submit" }, "Buy") → an element; null/false children are skipped. */
export function h(spec, attrs = {}, ...children) {
  const [, tag, rest] = /^([a-z0-9]*)(.*)$/i.exec(spec);
  const el = document.createElement(tag || "div");
  const classes = [];
  for (const [, mark, name] of rest.matchAll(/([.#])([^.#]+)/g)) {
    if (mark === "#") el.id = name; else classes.push(name);
  }
  if (classes.length) el.className = classes.join(" ");
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "class") el.className = [el.className, value].filter(Boolean).join(" ");
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** A short message at the bottom of the screen. */
export function toast(text) {
  const el = $("#toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
}
