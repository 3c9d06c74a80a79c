import { installNode20Polyfills } from './node20';

export default function setup(): void {
  installNode20Polyfills();
}
