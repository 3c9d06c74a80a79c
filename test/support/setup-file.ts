import { installNode20Polyfills } from './node20';

installNode20Polyfills();
