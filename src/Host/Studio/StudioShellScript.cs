namespace Opiskeluhuolto.Host.Studio;

/// <summary>The shell's styles and the script that mounts one of the Studio's custom elements.</summary>
public static class StudioShellScript
{
    /// <summary>
    /// Mounts the element named by <c>data-element</c> of <c>#studio</c> against <c>data-endpoint</c> with the access token
    /// <c>data-token</c> (and <c>data-attribute-name</c>/<c>-value</c> when set), renewed from <c>data-token-url</c> every
    /// <c>data-renew-ms</c>; list clicks open our own shell pages. The values come from the page's attributes, so the
    /// script itself is constant.
    /// </summary>
    public const string Mount = """
        (function () {
          var host = document.getElementById('studio');
          var d = host.dataset;
          var backend = document.createElement('elsa-backend-provider');
          backend.setAttribute('remote-endpoint', d.endpoint);
          backend.setAttribute('access-token', d.token);
          document.body.appendChild(backend);
          var el = document.createElement(d.element);
          el.setAttribute('remote-endpoint', d.endpoint);
          if (d.attributeName) el.setAttribute(d.attributeName, d.attributeValue);
          el.style.display = 'block';
          el.style.height = 'calc(100vh - 3.5rem)';
          host.appendChild(el);
          customElements.whenDefined(d.element).then(function () {
            el.editWorkflowDefinition = function (id) { location.href = d.definitions + encodeURIComponent(id) + '/edit'; };
            el.viewWorkflowInstance = function (id) { location.href = d.instances + encodeURIComponent(id); };
          });
          // The token lives an hour: a fresh one is fetched before it runs out while the sign-in lives. The Studio keeps
          // its credentials in one process-wide place, so a new provider element with the new token replaces the old.
          setInterval(function () {
            fetch(d.tokenUrl, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
              .then(function (r) { return r.ok ? r.json() : null; })
              .then(function (t) {
                if (!t || !t.accessToken) return;
                var next = document.createElement('elsa-backend-provider');
                next.setAttribute('remote-endpoint', d.endpoint);
                next.setAttribute('access-token', t.accessToken);
                document.body.appendChild(next);
              })
              .catch(function () { });
          }, Number(d.renewMs));
        })();
        """;

    /// <summary>The bar above the Studio.</summary>
    public const string ShellCss = ".oh-bar{display:flex;align-items:center;gap:1.5rem;height:3.5rem;padding:0 1rem;background:#003f7d;color:#fff;font-family:system-ui,sans-serif}.oh-bar a,.oh-bar button{color:#fff;font:inherit}.oh-bar ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}.oh-bar a[aria-current]{font-weight:700;text-decoration:underline}.oh-product{font-weight:700}.oh-lang{margin-left:auto;display:flex;gap:.5rem}.oh-bar button{background:none;border:1px solid #fff;border-radius:.25rem;padding:.25rem .75rem;cursor:pointer}.oh-bar a:focus,.oh-bar button:focus{outline:3px solid #ffb000;outline-offset:2px}";
}
