// A minimal W3C WebDriver client over fetch: enough to drive the real Koda window through
// tauri-driver (which forwards to WebKitWebDriver). No dependencies.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, args = []) {
    const body = { capabilities: { alwaysMatch: { 'tauri:options': { application, args } } } };
    const value = await call(base, 'POST', '/session', body);
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd('DELETE', '').catch(() => {});
  }

  /** Runs a script in the page and returns its value. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Runs an async script; the page calls `arguments[arguments.length - 1](value)` to finish. */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  async findAll(css) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return found.map((e) => new Element(this, e[ELEMENT]));
  }

  /** Waits until `css` matches at least `count` elements; returns them. */
  async waitFor(css, { count = 1, timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await this.findAll(css);
      if (found.length >= count) return found;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${count} × ${css} (found ${found.length})`);
      await sleep(100);
    }
  }

  async waitUntil(what, predicate, timeout = 15000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await sleep(100);
    }
  }

  async click(css) {
    const [element] = await this.waitFor(css);
    await element.click();
    return element;
  }

  async keys(text) {
    const actions = [...text].flatMap((ch) => [
      { type: 'keyDown', value: ch },
      { type: 'keyUp', value: ch },
    ]);
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  /** The element as a script argument. */
  ref() {
    return { [ELEMENT]: this.id };
  }
  click() {
    return this.session.cmd('POST', `/element/${this.id}/click`, {});
  }
  /** The element's textContent (WebKitWebDriver's rendered-text endpoint is unreliable here). */
  text() {
    return this.session.execute('return arguments[0].textContent', [this.ref()]);
  }
  attribute(name) {
    return this.session.cmd('GET', `/element/${this.id}/attribute/${name}`);
  }
  clear() {
    return this.session.cmd('POST', `/element/${this.id}/clear`, {});
  }
  type(text) {
    return this.session.cmd('POST', `/element/${this.id}/value`, { text });
  }
}

export const Keys = { ENTER: '\uE007', ESCAPE: '\uE00C', DELETE: '\uE017', CONTROL: '\uE009' };

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok || json.value?.error) {
    throw new Error(
      `${method} ${path}: ${json.value?.error ?? response.status} ${json.value?.message ?? ''}`,
    );
  }
  return json.value;
}
