/**
 * Registers a custom element, tolerating a second copy of the kit on the page (a CDN build and an
 * npm build, say): the first definition wins and the second only warns, instead of throwing.
 */
export function define(name: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(name);
  if (existing) {
    if (existing !== constructor) console.warn(`[cognito-elements] <${name}> is already defined (two copies of the kit on this page?); keeping the first.`);
    return;
  }
  customElements.define(name, constructor);
}
