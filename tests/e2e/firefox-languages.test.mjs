// The language tests (`languages.mjs`, shared with Chromium) in firefox-esr,
// in Arabic (Debian's firefox-esr-l10n-ar; the browser's language is the
// `intl.locale.requested` pref).
import { firefoxDriver, launchFirefox } from './firefox.mjs';
import { languageTests } from './languages.mjs';

languageTests({
  name: 'Firefox',
  languages: ['ar'],
  launch: (language) => launchFirefox({ language }),
  driver: firefoxDriver,
});
