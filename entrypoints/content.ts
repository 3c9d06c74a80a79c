export default defineContentScript({
  matches: [
    'https://partner.microsoft.com/*/dashboard/incentives/*',
    'https://partner.microsoft.com/dashboard/incentives/*',
  ],
  main() {
    document.documentElement.dataset.cporGuard = 'ready';
  },
});
