// Renders a Preact view into a fresh element of happy-dom's document for a component test, and
// unmounts it after the test.
import { type ComponentChild, render } from 'preact';
import { afterEach } from 'vitest';

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const root of mounted.splice(0)) {
    render(null, root);
    root.remove();
  }
});

/** The element `view` was rendered into; unmounted and removed after the current test. */
export function mount(view: ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(view, root);
  mounted.push(root);
  return root;
}
