// Shop orders UI: talks to the orders API at the base URL given by config.json.
(async function () {
  const status = document.getElementById('status');
  const tbody = document.querySelector('#orders tbody');
  const config = await fetch('config.json').then(r => r.json()).catch(() => ({ ordersApiBase: '../orders-api/' }));
  const api = config.ordersApiBase.endsWith('/') ? config.ordersApiBase : config.ordersApiBase + '/';

  function cell(text) { const td = document.createElement('td'); td.textContent = text; return td; }

  async function refresh() {
    try {
      const response = await fetch(api + 'orders');
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const orders = await response.json();
      tbody.replaceChildren(...orders.map(o => {
        const tr = document.createElement('tr');
        tr.append(cell(o.id.slice(0, 8)), cell(o.customer), cell(o.lines.length), cell(o.total.toFixed(2)), cell(new Date(o.createdAt).toLocaleString()));
        return tr;
      }));
      status.textContent = orders.length + ' order(s)';
      status.className = 'status ok';
    } catch (e) {
      status.textContent = 'orders API unreachable at ' + api + ' (' + e.message + ')';
      status.className = 'status error';
    }
  }

  document.getElementById('new-order').addEventListener('submit', async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = {
      customer: form.get('customer'),
      lines: [{ sku: form.get('sku'), quantity: Number(form.get('quantity')), unitPrice: Number(form.get('unitPrice')) }],
    };
    const response = await fetch(api + 'orders', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) { status.textContent = 'order rejected: HTTP ' + response.status; status.className = 'status error'; return; }
    event.target.reset();
    await refresh();
  });

  await refresh();
})();
