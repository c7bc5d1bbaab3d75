/* Numbers in the browser, the twin of ckanext/grll/numbers.py: the one place where the
   portal's scripts read and write a number (forms, the farmers' app, the risk map).
   grllNumero.leer(text) -> {valor: Number|null} or {error: "mensaje"}, as
   numbers.leer_decimal: "0,80" and "0.80" are 0.8; "1.234,5" and "1 234,5" are 1234.5;
   a single separator followed by three digits ("1.250") could be read two ways and is
   refused.
   grllNumero.escribir(n, decimales) writes it as numbers.numero (INACAL's rule: a
   decimal comma, groups of three with a no-break space from five digits on):
   12500.5 -> "12 500,5"; rounded to `decimales`, or with the value's own decimals
   without them (a figure the server already rounded); "—" when there is no number. */
(function () {
  "use strict";
  var NBSP = "\u00a0";

  function agrupar(digits) {
    if (digits.length < 5) return digits;
    var head = digits.length % 3 || 3, parts = [digits.slice(0, head)];
    for (var i = head; i < digits.length; i += 3) parts.push(digits.slice(i, i + 3));
    return parts.join(NBSP);
  }

  function escribir(value, decimales) {
    if (value === null || value === undefined || value === "" || !isFinite(value)) return "—";
    var number = Number(value), size = Math.abs(number);
    var text = (decimales === undefined ? String(size) : size.toFixed(decimales)).split(".");
    return (number < 0 ? "-" : "") + agrupar(text[0]) + (text[1] ? "," + text[1] : "");
  }

  function desagrupar(whole, sep) {
    var groups = whole.split(sep);
    if (!groups[0] || groups[0].length > 3) return null;
    for (var i = 1; i < groups.length; i++) if (groups[i].length !== 3) return null;
    return groups.join("");
  }

  function leer(text) {
    var typed = String(text === null || text === undefined ? "" : text).trim();
    var compact = typed.replace(/[\s\u00a0\u202f\u2009]+/g, "");
    if (!compact) return {valor: null};
    if (compact.length > 40 || !/^[+-]?[0-9.,]*[0-9][0-9.,]*$/.test(compact)) {
      return {error: "«" + typed.slice(0, 40) + "» no es un número: use solo cifras y una coma o un punto para los decimales."};
    }
    var sign = compact.charAt(0) === "-" ? "-" : "";
    var body = compact.replace(/^[+-]/, "");
    var last = Math.max(body.lastIndexOf(","), body.lastIndexOf("."));
    var digits = body;
    var grupos = "«" + typed + "» no es un número: separe los miles en grupos de tres cifras o no los separe.";
    if (last >= 0) {
      var mark = body.charAt(last), other = mark === "," ? "." : ",";
      var whole = body.slice(0, last), fraction = body.slice(last + 1);
      if (!fraction || (whole.indexOf(mark) >= 0 && whole.indexOf(other) >= 0)) {
        return {error: "«" + typed + "» no es un número: revise los separadores."};
      }
      if (whole.indexOf(mark) >= 0) {
        digits = desagrupar(body, mark);
        fraction = "";
      } else if (whole.indexOf(other) >= 0) {
        digits = desagrupar(whole, other);
      } else if (fraction.length === 3 && whole !== "" && whole !== "0" &&
                 !/\d[\s\u00a0\u202f\u2009]+\d/.test(typed)) {
        var short = fraction.replace(/0+$/, "");
        var asDecimal = sign + whole + (short ? "," + (short.length < 3 ? short : short + "0") : "");
        var asWhole = sign + whole + fraction;
        return {error: "«" + typed + "» puede leerse como " + asDecimal + " o como " + asWhole +
                ": escriba " + asDecimal + " o " + asWhole + ", sin separador de miles."};
      } else {
        digits = whole || "0";
      }
      if (digits === null) return {error: grupos};
      if (fraction) digits = digits + "." + fraction;
    }
    return {valor: Number(sign + digits)};
  }

  window.grllNumero = {leer: leer, escribir: escribir};
}());
