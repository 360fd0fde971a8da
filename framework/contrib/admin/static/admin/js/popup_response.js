// Hand the saved object back to the page that opened this popup, which closes it.
'use strict';
{
    const data = JSON.parse(
        document.getElementById('admin-popup-response-constants').dataset.popupResponse
    );
    const opener = window.opener;
    if (opener && opener.frameworkAdminPopups) {
        const popups = opener.frameworkAdminPopups;
        if (data.action === 'change') {
            popups.dismissChange(window, data.value, data.obj, data.new_value);
        } else if (data.action === 'delete') {
            popups.dismissDelete(window, data.value);
        } else {
            popups.dismissAdd(window, data.value, data.obj);
        }
    }
}
