#!/bin/bash
# deb after-remove (electron-builder.yml: deb.afterRemove). See after-install.sh for the
# template rules.

# The autostart entry after-install.sh wrote. dpkg also runs this with "upgrade" when a newer
# version replaces this one; the new version's after-install then writes the entry again.
rm -f "${HALLO_AGENT_DESTDIR:-}/etc/xdg/autostart/${executable}.desktop"

# Under another root only the entry above is removed: the steps below change the running system.
if [ -n "${HALLO_AGENT_DESTDIR:-}" ]; then
    exit 0
fi

# ---- electron-builder's own after-remove, which a custom deb.afterRemove replaces: kept as it
# ---- is in app-builder-lib 26.17.0 (templates/linux/after-remove.tpl); autostart.test.ts checks.

# Delete the link to the binary
# update-alternatives --remove <name> <path>: 'path' must be the registered alternative binary,
# not the generic symlink — see https://man7.org/linux/man-pages/man1/update-alternatives.1.html
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot.  Mirror the chroot guard
  # used in the after-install script — live AppArmor operations are not
  # meaningful inside a chroot.
  # https://wiki.debian.org/AppArmor/HowToUse
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
