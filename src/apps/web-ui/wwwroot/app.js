// Shop orders UI: the server renders the orders; this script places orders and refreshes the table through
// api/orders, which the web UI forwards to orders-api (relative: the UI may be served under a route prefix).
(function () {
  const status = document.getElementById('status');
  const tbody = document.querySelector('#orders tbody');
  const api = 'api/';

  function cell(text) { const td = document.createElement('td'); td.textContent = text; return td; }

  async function refresh() {
    try {
      const response = await fetch(api + 'orders');
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const orders = await response.json();
      tbody.replaceChildren(...orders.map(o => {
        const tr = document.createElement('tr');
        tr.append(cell(o.id.slice(0, 8)), cell(o.customer), cell(o.lines.length), cell(o.total.toFixed(2)),
          cell(new Date(o.createdAt).toLocaleString()), cell(o.processedAt ? 'processed' : 'pending'));
        return tr;
      }));
      status.textContent = orders.length + ' order(s)';
      status.className = 'status ok';
    } catch (e) {
      status.textContent = 'orders API unreachable' + ' (' + e.message + ')';
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

  setInterval(refresh, 5000);
})();
