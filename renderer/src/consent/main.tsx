import { mountWindowPage } from '../window-page';
import { ConsentApp } from './ConsentApp';

mountWindowPage<'consent'>((bridge, mirror) => <ConsentApp bridge={bridge} mirror={mirror} />);
