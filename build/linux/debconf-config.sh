#!/bin/sh
# The deb's debconf config script (electron-builder.yml: deb.fpm --deb-config), with
# debconf-templates beside it. Asked at low priority, so that a normal `apt install` asks nothing;
# deployment preseeds the answers (README "Deployment"), and `dpkg-reconfigure -plow hallo-agent`
# asks them by hand. after-install.sh reads them and writes /etc/hallo-agent/config.json.
set -e
. /usr/share/debconf/confmodule
db_input low hallo-agent/api-url || true
db_input low hallo-agent/enrollment-code || true
db_go || true
