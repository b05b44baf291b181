// Sets the theme before the first paint (a file, not an inline script, so the CSP can forbid
// inline scripts). Same storage key and rules as src/features/theme/theme.ts.
/* global window, document */
(function () {
  var preference = 'system';
  try {
    var stored = window.localStorage.getItem('viewer.theme');
    if (stored === 'light' || stored === 'dark') preference = stored;
  } catch {
    // Storage blocked: follow the system.
  }
  var dark =
    preference === 'dark' ||
    (preference === 'system' &&
      window.matchMedia &&
      window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
