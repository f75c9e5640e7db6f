import { mount } from '../../components/mount';
import { i18n, localizePage } from '../../utils/i18n';
import { App } from './App';

localizePage(i18n.t('dashboard.title'));
mount(<App />);
