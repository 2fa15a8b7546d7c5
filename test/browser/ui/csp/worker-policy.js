// The test's own need, not the widget's: MSW registers its service worker with a plain string,
// which Trusted Types refuse without a default policy. This one lets exactly that URL through
// and refuses (null: a violation) everything else, so that it cannot hide a sink the widget
// would use; it counts what it was asked, for the test to check.
window.defaultPolicyCalls = [];
trustedTypes.createPolicy('default', {
  createScriptURL(url, type, sink) {
    window.defaultPolicyCalls.push(`${sink} ${url}`);
    return new URL(url, location.href).pathname === '/mockServiceWorker.js' ? url : null;
  },
});
