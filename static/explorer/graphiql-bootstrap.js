'use strict';
// Starts GraphiQL on the offline explorer page (served as a same-origin file: the page has no inline script).
(function () {
  var root = document.getElementById('graphiql');
  var endpoint = new URL(root.getAttribute('data-endpoint'), window.location.href).href;
  var sandboxUrl = root.getAttribute('data-sandbox-url');
  var defaultQuery = root.getAttribute('data-default-query');
  var e = React.createElement;
  var logo = e(
    GraphiQL.Logo,
    null,
    e('span', null, 'GraphiQL '),
    e('a', { className: 'explorer-sandbox-link', href: sandboxUrl, title: 'Apollo Sandbox loads from Apollo\u2019s CDN: online users only' }, 'Apollo Sandbox \u2197')
  );
  ReactDOM.createRoot(root).render(
    e(
      GraphiQL,
      {
        fetcher: GraphiQL.createFetcher({ url: endpoint }),
        defaultQuery: defaultQuery,
        shouldPersistHeaders: false
      },
      logo
    )
  );
})();
