import { defineBackground } from 'wxt/utils/define-background';
import {
  setupAuthWatch,
  setupMessaging,
  setupOnboarding,
  setupStorageAccess,
  setupSync,
} from '../utils/background/setup';

export default defineBackground(() => {
  setupStorageAccess();
  setupMessaging();
  setupAuthWatch();
  setupOnboarding();
  setupSync();
});
