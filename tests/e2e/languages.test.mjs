// The language tests (`languages.mjs`, shared with Firefox) in Chromium,
// started in each language through the environment (Chromium on Linux takes
// its UI language from LANGUAGE, not `--lang`).
import { chromiumDriver, launch } from './harness.mjs';
import { LANGUAGES, languageTests } from './languages.mjs';

languageTests({
  name: 'Chromium',
  languages: LANGUAGES.map(({ language }) => language),
  launch: (language) => launch({ language }),
  driver: chromiumDriver,
});
