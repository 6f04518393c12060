'use strict';
// Starts the embedded Apollo Sandbox (loaded from Apollo's CDN), or says why it could not.
(function () {
  var target = document.getElementById('embeddableSandbox');
  var endpoint = new URL(target.getAttribute('data-endpoint'), window.location.href).href;
  if (typeof window.EmbeddedSandbox !== 'function') {
    document.getElementById('sandbox-status').textContent =
      'Apollo Sandbox could not be loaded from Apollo\u2019s CDN: this browser appears to be offline or the CDN is blocked.';
    return;
  }
  new window.EmbeddedSandbox({
    target: '#embeddableSandbox',
    initialEndpoint: endpoint,
    initialState: { document: target.getAttribute('data-default-query') },
    endpointIsEditable: false,
    allowDynamicStyles: false
  });
})();
