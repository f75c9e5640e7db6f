import { defineBackground } from 'wxt/utils/define-background';
import {
  setupAuthWatch,
  setupMessaging,
  setupOnboarding,
  setupStorageAccess,
  setupSync,
} from '../utils/background/setup';
import { setupReportEntryPoints } from '../utils/reports/report-entry-points';
import { setupReportNotifications } from '../utils/reports/report-notifications';

export default defineBackground(() => {
  setupStorageAccess();
  setupMessaging();
  setupAuthWatch();
  setupOnboarding();
  setupSync();
  setupReportEntryPoints();
  setupReportNotifications();
});
