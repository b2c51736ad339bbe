#include "lang/parser.hpp"

#include "lang/lexer.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

struct Failure {
  ExpressionError error;
};

Operator binary_operator(TokenKind kind) {
  switch (kind) {
    case TokenKind::kw_or: return Operator::logical_or;
    case TokenKind::kw_and: return Operator::logical_and;
    case TokenKind::eq: return Operator::equal;
    case TokenKind::ne: return Operator::not_equal;
    case TokenKind::lt: return Operator::less;
    case TokenKind::le: return Operator::less_equal;
    case TokenKind::gt: return Operator::greater;
    case TokenKind::ge: return Operator::greater_equal;
    case TokenKind::plus: return Operator::add;
    case TokenKind::minus: return Operator::subtract;
    case TokenKind::star: return Operator::multiply;
    case TokenKind::slash: return Operator::divide;
    default: return Operator::none;  // the grammar calls binary() only with the tokens above
  }
}

// The known functions; the checker reports any other name called.
Operator function_named(std::string_view name) {
  for (Operator f : {Operator::years, Operator::months, Operator::days, Operator::minimum, Operator::maximum,
                     Operator::has, Operator::eligible}) {
    if (name == spelling(f)) return f;
  }
  return Operator::none;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Expr parse() {
    Expr e = expr();
    if (peek().kind != TokenKind::end) {
      fail(peek(), ErrorCode::syntax,
           std::string("unexpected ") + describe(peek().kind) + " '" + std::string(peek().text) + "' after a complete expression");
    }
    return e;
  }

 private:
  // expr := or
  Expr expr() {
    if (++depth_ > kMaxExpressionDepth) {
      fail(peek(), ErrorCode::limit, "expression nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels");
    }
    Expr e = or_expr();
    --depth_;
    return e;
  }

  // or := and ('or' and)*
  Expr or_expr() {
    Expr left = and_expr();
    while (peek().kind == TokenKind::kw_or) {
      Token op = take();
      left = binary(op, std::move(left), and_expr());
    }
    return left;
  }

  // and := not ('and' not)*
  Expr and_expr() {
    Expr left = not_expr();
    while (peek().kind == TokenKind::kw_and) {
      Token op = take();
      left = binary(op, std::move(left), not_expr());
    }
    return left;
  }

  // not := 'not' not | compare
  Expr not_expr() {
    if (peek().kind == TokenKind::kw_not) {
      Token op = take();
      enter(op);
      Expr operand = not_expr();
      --depth_;
      Expr e = node(Expr::Kind::unary, op);
      e.op = Operator::logical_not;
      e.args.push_back(std::move(operand));
      return measured(std::move(e), op);
    }
    return compare();
  }

  // compare := sum [cmp sum | ['not'] 'in' list]
  Expr compare() {
    Expr left = sum();
    TokenKind k = peek().kind;
    if (k == TokenKind::eq || k == TokenKind::ne || k == TokenKind::lt || k == TokenKind::le ||
        k == TokenKind::gt || k == TokenKind::ge) {
      Token op = take();
      Expr right = sum();
      TokenKind after = peek().kind;
      if (after == TokenKind::eq || after == TokenKind::ne || after == TokenKind::lt || after == TokenKind::le ||
          after == TokenKind::gt || after == TokenKind::ge) {
        fail(peek(), ErrorCode::syntax, "comparisons do not chain; write 'a <= b and b <= c'");
      }
      return binary(op, std::move(left), std::move(right));
    }
    bool negated = false;
    Token start = peek();
    if (k == TokenKind::kw_not && peek(1).kind == TokenKind::kw_in) {
      take();
      negated = true;
    }
    if (peek().kind == TokenKind::kw_in) {
      Token op = take();
      Expr e = node(Expr::Kind::in_list, negated ? start : op);
      e.negated = negated;
      e.args.push_back(std::move(left));
      list(e);
      return measured(std::move(e), op);
    }
    return left;
  }

  // list := '[' [expr (',' expr)*] ']'
  void list(Expr& into) {
    Token open = peek();
    expect(TokenKind::lbracket, "'[' to start the list after 'in'");
    if (peek().kind != TokenKind::rbracket) {
      for (;;) {
        into.args.push_back(expr());
        if (peek().kind != TokenKind::comma) break;
        take();
      }
    }
    close(TokenKind::rbracket, open);
  }

  // sum := product (('+'|'-') product)*
  Expr sum() {
    Expr left = product();
    while (peek().kind == TokenKind::plus || peek().kind == TokenKind::minus) {
      Token op = take();
      left = binary(op, std::move(left), product());
    }
    return left;
  }

  // product := unary (('*'|'/') unary)*
  Expr product() {
    Expr left = unary();
    while (peek().kind == TokenKind::star || peek().kind == TokenKind::slash) {
      Token op = take();
      left = binary(op, std::move(left), unary());
    }
    return left;
  }

  // unary := '-' unary | primary
  Expr unary() {
    if (peek().kind == TokenKind::minus) {
      Token op = take();
      enter(op);
      Expr operand = unary();
      --depth_;
      Expr e = node(Expr::Kind::unary, op);
      e.op = Operator::negate;
      e.args.push_back(std::move(operand));
      return measured(std::move(e), op);
    }
    return primary();
  }

  // primary := NUMBER ['%'] | DATE | STRING | 'true' | 'false' | call | path | '(' expr ')'
  Expr primary() {
    Token t = peek();
    switch (t.kind) {
      case TokenKind::number: {
        if (t.text.size() > 1 && t.text[0] == '0' && t.text[1] != '.') leading_zero(t);
        take();
        Expr e = node(Expr::Kind::number, t);
        e.text = std::string(t.text);
        if (peek().kind == TokenKind::percent) {
          Token pct = take();
          e.percent = true;
          e.length = pct.offset + pct.length - t.offset;
        }
        return e;
      }
      case TokenKind::date: {
        take();
        Expr e = node(Expr::Kind::date, t);
        e.text = std::string(t.text);
        return e;
      }
      case TokenKind::string: {
        take();
        Expr e = node(Expr::Kind::string, t);
        e.text = std::string(t.text);
        return e;
      }
      case TokenKind::kw_true:
      case TokenKind::kw_false: {
        take();
        Expr e = node(Expr::Kind::boolean, t);
        e.text = std::string(t.text);
        return e;
      }
      case TokenKind::identifier: return name_or_call();
      case TokenKind::lparen: {
        Token open = take();
        Expr e = expr();
        close(TokenKind::rparen, open);
        return e;
      }
      case TokenKind::end: fail(t, ErrorCode::syntax, "expression ends too early: expected a value");
      default:
        fail(t, ErrorCode::syntax, std::string("expected a value, found ") + describe(t.kind));
    }
  }

  // `0700`, `00`, `000.00`. Most often the second half of a thousands
  // separator: `min(p, 300,000.00)` would otherwise read as min(p, 300, 0)
  // and pass the checker, paying nothing.
  [[noreturn]] void leading_zero(const Token& t) {
    auto at = [&](std::size_t i, TokenKind kind) { return i < tokens_.size() && tokens_[i].kind == kind; };
    auto whole = [&](std::size_t i) { return tokens_[i].text.find('.') == std::string_view::npos; };
    auto touching = [&](std::size_t a, std::size_t b) {
      return tokens_[a].offset + tokens_[a].length == tokens_[b].offset;
    };
    std::size_t first = pos_;  // NUMBER (',' NUMBER)* around this one
    while (first >= 2 && at(first - 1, TokenKind::comma) && at(first - 2, TokenKind::number) && whole(first - 2)) {
      first -= 2;
    }
    if (first < pos_) {
      std::size_t last = pos_;
      auto group = [&](std::size_t i) {  // three digits before any point
        return at(i, TokenKind::number) && std::min(tokens_[i].text.find('.'), tokens_[i].text.size()) == 3;
      };
      while (whole(last) && at(last + 1, TokenKind::comma) && group(last + 2)) last += 2;
      std::string number;
      for (std::size_t i = first; i <= last; i += 2) number += tokens_[i].text;
      fail(t, ErrorCode::syntax,
           "a number may not start with 0; did you mean " + number + "? numbers are written without thousands separators");
    }
    bool in_date = (pos_ >= 2 && at(pos_ - 1, TokenKind::minus) && at(pos_ - 2, TokenKind::number) &&
                    touching(pos_ - 2, pos_ - 1) && touching(pos_ - 1, pos_)) ||
                   (at(pos_ + 1, TokenKind::minus) && touching(pos_, pos_ + 1));
    if (in_date) fail(t, ErrorCode::syntax, "a number may not start with 0 (a date is written YYYY-MM-DD, like 2024-07-01)");
    std::string_view digits = t.text.substr(std::min(t.text.find_first_not_of('0'), t.text.size()));
    std::string suggestion = digits.empty() || digits[0] == '.' ? "0" + std::string(digits) : std::string(digits);
    fail(t, ErrorCode::syntax, "a number may not start with 0 (did you mean " + suggestion + "?)");
  }

  Expr name_or_call() {
    Token first = take();
    if (peek().kind == TokenKind::lparen) {
      Token open = take();
      Expr e = node(Expr::Kind::call, first);
      e.op = function_named(first.text);
      e.text = std::string(first.text);
      if (peek().kind != TokenKind::rparen) {
        for (;;) {
          e.args.push_back(expr());
          if (peek().kind != TokenKind::comma) break;
          take();
        }
      }
      Token last = peek();
      close(TokenKind::rparen, open);
      e.length = last.offset + last.length - first.offset;
      return measured(std::move(e), first);
    }
    Expr e = node(Expr::Kind::name, first);
    e.text = std::string(first.text);
    while (peek().kind == TokenKind::dot) {
      take();
      Token part = peek();
      if (part.kind != TokenKind::identifier) fail(part, ErrorCode::syntax, "expected a field name after '.'");
      take();
      e.text += ".";
      e.text += part.text;
      e.length = part.offset + part.length - first.offset;
    }
    return e;
  }

  Expr binary(const Token& op, Expr left, Expr right) {
    Expr e = node(Expr::Kind::binary, op);
    e.op = binary_operator(op.kind);
    e.args.push_back(std::move(left));
    e.args.push_back(std::move(right));
    return measured(std::move(e), op);
  }

  // Every later stage walks the tree recursively, so its height is bounded
  // too: a long chain like `a or b or c ...` nests as deeply as brackets do.
  Expr measured(Expr e, const Token& at) {
    for (const Expr& a : e.args) e.height = std::max(e.height, a.height + 1);
    if (e.height > kMaxExpressionHeight) {
      fail(at, ErrorCode::limit,
           "expression more than " + std::to_string(kMaxExpressionHeight) +
               " levels deep (a very long chain of operators); list values with 'in [...]' or split the condition");
    }
    return e;
  }

  static Expr node(Expr::Kind kind, const Token& t) {
    Expr e;
    e.kind = kind;
    e.offset = t.offset;
    e.length = t.length == 0 ? 1 : t.length;
    return e;
  }

  void enter(const Token& at) {
    if (++depth_ > kMaxExpressionDepth) {
      fail(at, ErrorCode::limit, "expression nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels");
    }
  }

  void expect(TokenKind kind, const std::string& what) {
    if (peek().kind != kind) {
      fail(peek(), ErrorCode::syntax, "expected " + what + ", found " + describe(peek().kind));
    }
    take();
  }

  // Closes a bracket, saying where it was opened when it is not.
  void close(TokenKind kind, const Token& open) {
    if (peek().kind == kind) {
      take();
      return;
    }
    const Token& at = peek();
    ExpressionError e{at.offset, at.length == 0 ? 1 : at.length, ErrorCode::syntax,
                      std::string("expected ") + describe(kind) + " to close the " + describe(open.kind) + ", found " +
                          describe(at.kind)};
    e.opened_at = open.offset;
    throw Failure{e};
  }

  [[noreturn]] void fail(const Token& at, ErrorCode code, std::string message) {
    throw Failure{ExpressionError{at.offset, at.length == 0 ? 1 : at.length, code, std::move(message)}};
  }

  // A token the lexer could not make is reported as soon as it is reached.
  const Token& peek(std::size_t ahead = 0) {
    std::size_t i = pos_ + ahead;
    const Token& t = i < tokens_.size() ? tokens_[i] : tokens_.back();
    if (t.kind == TokenKind::error) fail(t, ErrorCode::syntax, std::string(t.text));
    return t;
  }
  Token take() {
    Token t = peek();
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

bool parse_expression(std::string_view source, Expr& out, ExpressionError& error) {
  if (source.size() > kMaxExpressionBytes) {
    error = ExpressionError{0, 1, ErrorCode::limit, "expression longer than " + std::to_string(kMaxExpressionBytes) + " bytes"};
    return false;
  }
  try {
    Parser parser(tokenize(source));
    out = parser.parse();
    return true;
  } catch (const Failure& f) {
    error = f.error;
    return false;
  }
}

}  // namespace talent::detail
