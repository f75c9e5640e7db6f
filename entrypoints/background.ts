import { defineBackground } from 'wxt/utils/define-background';
import { setupAuthWatch, setupMessaging, setupStorageAccess } from '../utils/background/setup';

export default defineBackground(() => {
  setupStorageAccess();
  setupMessaging();
  setupAuthWatch();
});
