// Related-object links and raw-id lookups opened as popups; the popup's answer
// (popup_response.js, or a click on a row of a popup changelist) updates this page.
// Without this script the links open in a new tab (target="_blank").
'use strict';
{
    let counter = 0;

    function targetId(win) {
        return win.name.split('__')[0];
    }

    function openPopup(link) {
        const prefix = /^(add|change|delete|view|lookup)_/;
        const id = link.id.replace(prefix, '');
        const href = link.getAttribute('href');
        if (!href) {
            return;
        }
        counter += 1;
        const win = window.open(href, `${id}__${counter}`, 'height=600,width=900,resizable=yes,scrollbars=yes');
        if (win) {
            win.focus();
        }
    }

    function changed(elem) {
        elem.dispatchEvent(new Event('change', {bubbles: true}));
    }

    function updateLinks(select) {
        const wrapper = select.closest('.related-widget-wrapper');
        if (!wrapper) {
            return;
        }
        for (const link of wrapper.querySelectorAll('a.related-widget-wrapper-link:not(.add-related)')) {
            const value = select.value;
            if (value) {
                link.setAttribute('href', link.dataset.hrefTemplate.replace('__fk__', encodeURIComponent(value)));
            } else {
                link.removeAttribute('href');
            }
        }
    }

    function dismissAdd(win, value, repr) {
        const elem = document.getElementById(targetId(win));
        if (elem) {
            if (elem.tagName === 'SELECT') {
                elem.add(new Option(repr, value, true, true));
                updateLinks(elem);
            } else if (elem.classList.contains('vManyToManyRawIdAdminField') && elem.value) {
                elem.value += ',' + value;
            } else {
                elem.value = value;
            }
            changed(elem);
        }
        win.close();
    }

    function dismissChange(win, value, repr, newValue) {
        const elem = document.getElementById(targetId(win));
        if (elem && elem.tagName === 'SELECT') {
            for (const option of elem.options) {
                if (option.value === value) {
                    option.textContent = repr;
                    option.value = newValue;
                }
            }
            updateLinks(elem);
            changed(elem);
        }
        win.close();
    }

    function dismissDelete(win, value) {
        const elem = document.getElementById(targetId(win));
        if (elem && elem.tagName === 'SELECT') {
            for (const option of Array.from(elem.options)) {
                if (option.value === value) {
                    option.remove();
                }
            }
            updateLinks(elem);
            changed(elem);
        }
        win.close();
    }

    function dismissLookup(win, value) {
        dismissAdd(win, value, value);
    }

    window.frameworkAdminPopups = {dismissAdd, dismissChange, dismissDelete, dismissLookup};

    document.addEventListener('click', (event) => {
        const opener = event.target.closest('a[data-popup-opener]');
        if (opener && window.opener && window.opener.frameworkAdminPopups) {
            event.preventDefault();
            window.opener.frameworkAdminPopups.dismissLookup(window, opener.dataset.popupOpener);
            return;
        }
        const link = event.target.closest('a[data-popup="yes"]');
        if (link) {
            event.preventDefault();
            openPopup(link);
        }
    });

    document.addEventListener('change', (event) => {
        if (event.target.tagName === 'SELECT') {
            updateLinks(event.target);
        }
    });
}
