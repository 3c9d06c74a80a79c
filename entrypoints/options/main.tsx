import { browser } from 'wxt/browser';
import { mountWithPack } from '../../src/ui/mount';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import './style.css';

mountWithPack(document.getElementById('app')!, (pack, locale) => (
  <OptionsApp pack={pack} locale={locale} checkUrl={browser.runtime.getURL('/check.html')} />
));
