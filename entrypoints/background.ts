import { defaultPack } from '../src/rules/default-pack';

export default defineBackground(() => {
  // The pack is validated by the generated standalone validators (no eval under MV3). A broken
  // built-in pack is logged for developers; Partner Center itself is never affected.
  try {
    const pack = defaultPack();
    console.info(`[cpor-guard] rule pack ${pack.pack.id} ${pack.pack.version} loaded`);
  } catch (error) {
    console.error('[cpor-guard] rule pack', error);
  }
});
