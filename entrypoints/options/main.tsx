import { mountWithPack } from '../../src/ui/mount';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import './style.css';

mountWithPack(document.getElementById('app')!, (pack, locale) => <OptionsApp pack={pack} locale={locale} />);
