import { mountWindowPage } from '../window-page';
import { SessionBarApp } from './SessionBarApp';

mountWindowPage<'session-bar'>((bridge, mirror) => <SessionBarApp bridge={bridge} mirror={mirror} />);
