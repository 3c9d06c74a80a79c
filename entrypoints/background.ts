export default defineBackground(() => {
  console.info('[cpor-guard] background started');
});
