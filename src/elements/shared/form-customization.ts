/**
 * Applies the page's `formFields` to one form of an element: each built-in field's configuration,
 * the order, and — loading custom-fields.ts only when the configuration has them — the extra fields
 * and the phone country selector, their checks and the values they send.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FieldProblem } from './field-errors.ts';
import { field, type FieldOptions } from './form.ts';
import { attributeFieldOptions } from './attribute-fields.ts';
import type { FormConfig, FormValues } from './form-fields.ts';
import { registerMessages, type Translate } from './localize.ts';
import { addStyles } from './styles.ts';

type CustomFields = typeof import('./custom-fields.ts');
let loading: Promise<CustomFields> | undefined;
let loaded: CustomFields | undefined;

/** Loads custom-fields.ts once (a failed load is tried again next time) and hands it what it uses. */
export function loadCustomFields(): Promise<CustomFields> {
  return (loading ??= import('./custom-fields.ts').then(
    (module) => {
      module.setUp({ html, nothing, ifDefined, field, registerMessages, addStyles });
      return (loaded = module);
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

export interface CustomizationOptions {
  /** The form's configuration now (the element's `formFields[form]`). */
  config: () => FormConfig | undefined;
  t: Translate;
  idFor: (name: string) => string;
  lang: () => string;
}

export class FormCustomization implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #o: CustomizationOptions;

  constructor(host: ReactiveControllerHost, options: CustomizationOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  get #config(): FormConfig | undefined {
    return this.#o.config();
  }

  /** Whether this form needs custom-fields.ts: extra fields, or a phone field with a country selector. */
  get #needsModule(): boolean {
    const config = this.#config;
    return !!config && (!!config.custom?.length || Object.values(config.fields ?? {}).some((f) => f.phoneCountry));
  }

  /** Starts loading custom-fields.ts when the configuration asks for it; the form renders it once there. */
  hostUpdate(): void {
    if (this.#needsModule && !loaded) void loadCustomFields().then(() => this.#host.requestUpdate());
  }

  /** What the page configured for the field named `name`. */
  config(name: string) {
    return this.#config?.fields?.[name];
  }

  /** A built-in field with the page's configuration: a phone number with a country selector when asked for (and loaded). */
  field(options: FieldOptions): TemplateResult {
    const config = options.config ?? this.config(options.name);
    const country = config?.phoneCountry;
    const o = { ...options, config };
    return country && loaded && !config.hidden ? loaded.phoneField(o, country, this.#context()) : field(o);
  }

  /** The fields for these user attributes, each with its configuration, by name (for `ordered`). */
  attributeFields(names: readonly string[], required: (name: string) => boolean): [name: string, field: TemplateResult][] {
    const { t, idFor } = this.#o;
    return names.map((name) => [name, this.field(attributeFieldOptions(name, { t, idFor, required: required(name), config: this.config(name) }))]);
  }

  #context() {
    return { t: this.#o.t, idFor: this.#o.idFor, lang: this.#o.lang() };
  }

  /**
   * The form's fields (built-in ones by input name, then the extra ones) in the order the page asked
   * for: those with an `order` first, lowest first, then the others as listed; the DOM order, so the
   * tab order is what is seen.
   */
  ordered(fields: [name: string, field: TemplateResult][]): TemplateResult[] {
    const custom = this.#config?.custom ?? [];
    const extra = loaded ? loaded.customFields(custom, this.#context()).map((template, i): [string, TemplateResult] => [custom[i].name, template]) : [];
    const all = [...fields, ...extra];
    const order = (name: string) => this.config(name)?.order ?? custom.find((f) => f.name === name)?.order ?? Infinity;
    return all
      .map(([name, template], index) => ({ name, template, index }))
      .sort((a, b) => order(a.name) - order(b.name) || a.index - b.index)
      .map((f) => f.template);
  }

  /** The module, waited for when the form needs it (a submit before it arrived), else undefined. */
  async #module(): Promise<CustomFields | undefined> {
    return this.#needsModule ? (loaded ?? (await loadCustomFields())) : undefined;
  }

  /**
   * What is wrong with the extra fields and the phone numbers with a selector, at once (the form's
   * own checks are synchronous too). Until custom-fields.ts is there its fields are not shown, so
   * the form is not sent yet: it names the first of them, and the next render brings them.
   */
  problems(form: HTMLFormElement): FieldProblem[] {
    const config = this.#config;
    if (!this.#needsModule || !config) return [];
    if (loaded) return loaded.customProblems(form, config);
    const first = config.custom?.[0]?.name ?? Object.keys(config.fields ?? {}).find((name) => config.fields![name].phoneCountry)!;
    return [{ field: first, key: 'field.required' }];
  }

  /** The extra fields' values and the phone numbers in E.164, to add to the form's own values. */
  async values(form: HTMLFormElement): Promise<FormValues> {
    return (await this.#module())?.readCustom(form, this.#config!) ?? {};
  }

  /** Where the extra fields' values go: attributes, clientMetadata and validationData (each empty when none). */
  async sent(values: FormValues) {
    const module = await this.#module();
    return module?.mapCustom(values, this.#config?.custom ?? []) ?? { attributes: {}, clientMetadata: {}, validationData: {} };
  }
}
