// Progressive enhancement only: every page works without JavaScript (<details> expands and collapses natively).
(function () {
  const tree = document.querySelector('[data-goal-tree]');
  const actions = document.querySelector('[data-tree-actions]');
  if (tree && actions) {
    actions.hidden = false;
    const all = () => tree.querySelectorAll('details[data-node]');
    actions.querySelector('[data-expand-all]').addEventListener('click', () => all().forEach(d => d.open = true));
    actions.querySelector('[data-collapse-all]').addEventListener('click', () => all().forEach(d => d.open = false));
  }
  // A link to a node (#node-key) opens the node and the nodes above it.
  function reveal() {
    if (!location.hash.startsWith('#node-')) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    const own = target.querySelector(':scope > details');
    if (own) own.open = true;
    for (let el = target; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
    target.scrollIntoView();
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();
