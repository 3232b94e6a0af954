// Demo only: the store keeps the codes it "texted" to the signed-in shopper's phone; show the newest on the
// banner when the panel asks for one. A file, not an inline script: the store's CSP allows script only from the
// store itself.
const banner = document.getElementById('demo-sms');
document.addEventListener('fenqi-verification', async () => {
  const { messages } = await (await fetch('/demo/sms', { cache: 'no-store' })).json();
  if (!messages[0]) return;
  banner.querySelector('.demo-sms-text').textContent = messages[0].text;
  banner.dataset.code = messages[0].code;
  banner.hidden = false;
});
