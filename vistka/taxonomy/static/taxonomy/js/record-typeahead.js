/* Choosing a section or a tag by typing (vistka.taxonomy.widgets.RecordTypeahead).
 * The options come sorted in the edition's alphabet; matches that start with the typed text come
 * first. Where the user may add records, "Create …" makes one in place (a POST to the widget's
 * create URL) and chooses it. A static file: the admin's Content-Security-Policy forbids inline
 * scripts. */
(() => {
  const { Controller } = window.StimulusModule;
  const SHOWN = 12;

  class RecordTypeaheadController extends Controller {
    static targets = ['value', 'input', 'list'];

    static values = {
      options: Array,
      createUrl: String,
      createLabel: String,
      noMatch: String,
    };

    connect() {
      this.active = -1;
      this.items = [];
    }

    matches(text) {
      const wanted = text.toLocaleLowerCase();
      if (!wanted) return this.optionsValue.slice(0, SHOWN);
      const starting = [];
      const containing = [];
      this.optionsValue.forEach((option) => {
        const name = option[1].toLocaleLowerCase();
        if (name.startsWith(wanted)) starting.push(option);
        else if (name.includes(wanted)) containing.push(option);
      });
      return starting.concat(containing).slice(0, SHOWN);
    }

    exact(text) {
      const wanted = text.trim().toLocaleLowerCase();
      return this.optionsValue.find((option) => option[1].toLocaleLowerCase() === wanted);
    }

    filter() {
      const text = this.inputTarget.value.trim();
      const chosen = this.optionsValue.find((option) => option[0] === this.valueTarget.value);
      if (chosen && chosen[1] !== this.inputTarget.value) this.setValue('');
      this.items = this.matches(text).map(([id, name]) => ({ id, name, label: name }));
      if (text && !this.exact(text) && this.createUrlValue) {
        this.items.push({ create: text, label: this.createLabelValue.replace('%s', text) });
      }
      this.render();
    }

    render() {
      const list = this.listTarget;
      list.replaceChildren();
      this.items.forEach((item, index) => {
        const option = document.createElement('li');
        option.id = `${this.inputTarget.id}-option-${index}`;
        option.setAttribute('role', 'option');
        option.className = item.create ? 'vistka-typeahead__create' : '';
        option.textContent = item.label;
        option.addEventListener('mousedown', (event) => {
          event.preventDefault(); // keep the focus in the text box
          this.pick(item);
        });
        list.append(option);
      });
      if (!this.items.length && this.inputTarget.value.trim()) {
        const none = document.createElement('li');
        none.className = 'vistka-typeahead__none';
        none.textContent = this.noMatchValue;
        list.append(none);
      }
      this.active = this.items.length ? 0 : -1;
      this.highlight();
      const open = list.children.length > 0;
      list.hidden = !open;
      this.inputTarget.setAttribute('aria-expanded', String(open));
    }

    highlight() {
      Array.from(this.listTarget.children).forEach((option, index) => {
        option.setAttribute('aria-selected', String(index === this.active));
      });
      const current = this.listTarget.children[this.active];
      if (current && current.id) this.inputTarget.setAttribute('aria-activedescendant', current.id);
      else this.inputTarget.removeAttribute('aria-activedescendant');
    }

    navigate(event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (this.listTarget.hidden) this.filter();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const count = this.items.length;
        if (count) this.active = (this.active + step + count) % count;
        this.highlight();
      } else if (event.key === 'Enter') {
        if (!this.listTarget.hidden && this.items[this.active]) {
          event.preventDefault(); // choose, do not submit the story
          this.pick(this.items[this.active]);
        }
      } else if (event.key === 'Escape') {
        this.close();
      }
    }

    close() {
      const found = this.exact(this.inputTarget.value);
      if (found && this.valueTarget.value !== found[0]) this.choose(found[0], found[1]);
      this.listTarget.hidden = true;
      this.inputTarget.setAttribute('aria-expanded', 'false');
    }

    pick(item) {
      if (item.create) this.create(item.create);
      else this.choose(item.id, item.name);
    }

    setValue(id) {
      if (this.valueTarget.value === id) return;
      this.valueTarget.value = id;
      this.valueTarget.dispatchEvent(new Event('change', { bubbles: true }));
    }

    choose(id, name) {
      this.inputTarget.value = name;
      this.setValue(id);
      this.listTarget.hidden = true;
      this.inputTarget.setAttribute('aria-expanded', 'false');
    }

    async create(name) {
      const config = window.wagtailConfig || {};
      const body = new FormData();
      body.append('name', name);
      let response;
      try {
        response = await fetch(this.createUrlValue, {
          method: 'POST',
          body,
          headers: { [config.CSRF_HEADER_NAME || 'X-CSRFToken']: config.CSRF_TOKEN || '' },
          credentials: 'same-origin',
        });
      } catch (error) {
        response = null;
      }
      const data = response ? await response.json().catch(() => ({})) : {};
      if (!response || !response.ok || !data.id) {
        this.items = [];
        this.listTarget.replaceChildren();
        const problem = document.createElement('li');
        problem.className = 'vistka-typeahead__none';
        problem.textContent = data.error || this.noMatchValue;
        this.listTarget.append(problem);
        this.listTarget.hidden = false;
        return;
      }
      const option = [String(data.id), data.name];
      if (!this.optionsValue.some((known) => known[0] === option[0])) {
        this.optionsValue = this.optionsValue.concat([option]);
      }
      this.choose(option[0], option[1]);
    }
  }

  window.wagtail.app.register('record-typeahead', RecordTypeaheadController);
})();
