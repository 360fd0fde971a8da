// filter_horizontal / filter_vertical: turn the checkbox list of a many-to-many field
// into "available" and "chosen" lists with a filter box and move buttons. The hidden
// checkboxes stay the form's values, so the page works the same without this script.
'use strict';
{
    function make(tag, attrs, text) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs || {})) {
            node.setAttribute(key, value);
        }
        if (text) {
            node.textContent = text;
        }
        return node;
    }

    function build(list) {
        const id = list.id;
        const label = document.querySelector(`label[for="${id}_0"]`) || document.querySelector(`label[for="${id}"]`);
        const name = (label ? label.textContent : id.replace(/^id_/, '')).replace(/:$/, '').trim();
        const boxes = Array.from(list.querySelectorAll('input[type=checkbox]'));
        const text = (box) => (box.closest('label') ? box.closest('label').textContent.trim() : box.value);

        const selector = make('div', {class: 'selector' + (list.classList.contains('selectfilter-stacked') ? ' stacked' : '')});
        const available = make('div', {class: 'selector-available'});
        available.append(make('h2', {id: `${id}_from_title`}, `Available ${name}`));
        const filter = make('input', {type: 'search', id: `${id}_input`, placeholder: 'Filter', 'aria-label': `Filter available ${name}`});
        available.append(filter);
        const from = make('select', {multiple: '', id: `${id}_from`, class: 'filtered', 'aria-labelledby': `${id}_from_title`, size: '8'});
        available.append(from);
        const chooser = make('ul', {class: 'selector-chooser'});
        const buttons = {};
        for (const [key, title] of [['add', 'Choose'], ['remove', 'Remove'], ['addAll', 'Choose all'], ['removeAll', 'Remove all']]) {
            const item = make('li');
            buttons[key] = make('button', {type: 'button', id: `${id}_${key}`, class: `selector-${key}`, title: `${title} ${name}`}, title);
            item.append(buttons[key]);
            chooser.append(item);
        }
        const chosen = make('div', {class: 'selector-chosen'});
        chosen.append(make('h2', {id: `${id}_to_title`}, `Chosen ${name}`));
        const to = make('select', {multiple: '', id: `${id}_to`, class: 'filtered', 'aria-labelledby': `${id}_to_title`, size: '8'});
        chosen.append(to);
        selector.append(available, chooser, chosen);

        function render() {
            const term = filter.value.toLowerCase();
            from.replaceChildren();
            to.replaceChildren();
            for (const box of boxes) {
                const option = new Option(text(box), box.value);
                if (box.checked) {
                    to.add(option);
                } else if (!term || option.text.toLowerCase().includes(term)) {
                    from.add(option);
                }
            }
        }

        function move(select, checked, all) {
            const values = new Set(Array.from(select.options).filter((o) => all || o.selected).map((o) => o.value));
            for (const box of boxes) {
                if (values.has(box.value)) {
                    box.checked = checked;
                    box.dispatchEvent(new Event('change', {bubbles: true}));
                }
            }
            render();
            select.focus();
        }

        buttons.add.addEventListener('click', () => move(from, true, false));
        buttons.remove.addEventListener('click', () => move(to, false, false));
        buttons.addAll.addEventListener('click', () => move(from, true, true));
        buttons.removeAll.addEventListener('click', () => move(to, false, true));
        from.addEventListener('dblclick', () => move(from, true, false));
        to.addEventListener('dblclick', () => move(to, false, false));
        from.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' || event.key === 'ArrowRight') {
                event.preventDefault();
                move(from, true, false);
            }
        });
        to.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' || event.key === 'Delete' || event.key === 'ArrowLeft') {
                event.preventDefault();
                move(to, false, false);
            }
        });
        filter.addEventListener('input', render);
        filter.addEventListener('keydown', (event) => {
            if (event.key === 'Enter') {
                // Enter in the filter box chooses what it matched, not submits the form.
                event.preventDefault();
                move(from, true, true);
            }
        });
        list.hidden = true;
        list.after(selector);
        render();
    }

    function init() {
        for (const list of document.querySelectorAll('div.selectfilter')) {
            build(list);
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}
